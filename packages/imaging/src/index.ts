export * from './dicom/dicom-error';
export * from './dicom/inspect-dicom';
export * from './dicom/deidentify';
export * from './files/safe-file-name';
