import dcmjs from 'dcmjs';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export interface FixtureOptions {
  rows?: number;
  columns?: number;
  frames?: number;
  patientName?: string;
  transferSyntaxUid?: string;
  /** Drop this many bytes from the end of the pixel data. */
  truncatePixels?: number;
  /** Stored value (0–4095, 12 bits) of each pixel; a fixed ramp when absent. */
  pixel?: (x: number, y: number, frame: number) => number;
  /** PixelSpacing [row, column] in mm (default 0.5 × 0.5); null leaves it out. */
  pixelSpacing?: [number, number] | null;
  windowCenter?: number;
  windowWidth?: number;
  modality?: string;
}

/** Builds a DICOM Part 10 file in memory (tests generate their own files; nothing is downloaded). */
export function makeDicom(options: FixtureOptions = {}): Uint8Array {
  const rows = options.rows ?? 8;
  const columns = options.columns ?? 8;
  const frames = options.frames ?? 1;
  const pixel = options.pixel;
  const pixels = new Uint16Array(rows * columns * frames).map((_, i) =>
    pixel
      ? Math.max(
          0,
          Math.min(
            4095,
            Math.round(pixel(i % columns, Math.floor(i / columns) % rows, Math.floor(i / (rows * columns)))),
          ),
        )
      : (i * 37) % 4096,
  );
  const pixelBytes = pixels.buffer.slice(0, pixels.byteLength - (options.truncatePixels ?? 0));
  const sopInstanceUid = `2.25.${Math.floor(Math.random() * 1e15)}`;
  const dataset: Record<string, unknown> = {
    _vrMap: { PixelData: 'OW' },
    SOPClassUID: frames > 1 ? '1.2.840.10008.5.1.4.1.1.7.3' : '1.2.840.10008.5.1.4.1.1.7',
    SOPInstanceUID: sopInstanceUid,
    StudyInstanceUID: '2.25.1000',
    SeriesInstanceUID: '2.25.1001',
    Modality: options.modality ?? 'US',
    PatientName: options.patientName ?? 'Doe^Jane',
    PatientID: 'MRN-0042',
    PatientBirthDate: '19700101',
    InstitutionName: 'St Example Hospital',
    ReferringPhysicianName: 'Who^Doctor',
    AccessionNumber: 'ACC-7',
    Rows: rows,
    Columns: columns,
    NumberOfFrames: frames,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    WindowCenter: options.windowCenter ?? 2048,
    WindowWidth: options.windowWidth ?? 4096,
    ...(options.pixelSpacing === null ? {} : { PixelSpacing: options.pixelSpacing ?? [0.5, 0.5] }),
    PixelData: [pixelBytes],
  };
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: options.transferSyntaxUid ?? '1.2.840.10008.1.2.1',
    ImplementationClassUID: '2.25.424242',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}
