export * from './dicom/dicom-error';
export * from './dicom/inspect-dicom';
export * from './dicom/deidentify';
export * from './files/safe-file-name';
/** Test files built in memory (used by the api's tests too). */
export * from './dicom/dicom-fixture';
