/** Why an upload was refused; each code gets its own message for the person uploading. */
export type ImagingErrorCode = 'TOO_LARGE' | 'NOT_DICOM' | 'TRUNCATED' | 'UNSUPPORTED' | 'NOT_AN_IMAGE';

export class ImagingError extends Error {
  constructor(
    readonly code: ImagingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
