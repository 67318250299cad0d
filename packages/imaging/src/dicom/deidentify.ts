import dcmjs from 'dcmjs';
import type { ParsedDicom } from './inspect-dicom';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

/**
 * Attributes removed (or blanked where the standard requires them), after the DICOM PS3.15 Annex E
 * Basic Application Level Confidentiality Profile — the subset that identifies a patient, a
 * clinician or an institution in the files we accept. UIDs are kept so a study stays a study.
 */
export const REMOVED_ATTRIBUTES = [
  'PatientBirthDate',
  'PatientBirthTime',
  'PatientAddress',
  'PatientTelephoneNumbers',
  'OtherPatientIDs',
  'OtherPatientIDsSequence',
  'OtherPatientNames',
  'PatientMotherBirthName',
  'MedicalRecordLocator',
  'EthnicGroup',
  'Occupation',
  'AdditionalPatientHistory',
  'PatientComments',
  'InstitutionName',
  'InstitutionAddress',
  'InstitutionalDepartmentName',
  'ReferringPhysicianName',
  'ReferringPhysicianAddress',
  'ReferringPhysicianTelephoneNumbers',
  'PerformingPhysicianName',
  'NameOfPhysiciansReadingStudy',
  'OperatorsName',
  'RequestingPhysician',
  'StationName',
  'DeviceSerialNumber',
];

/** Type 2 attributes that must stay present: replaced, not removed. */
const REPLACED = { PatientName: 'Anonymous', AccessionNumber: '', StudyID: '' } as const;

/**
 * A de-identified copy of the file: identifying attributes removed or replaced, PatientID set to
 * the consult's pseudonym, PatientIdentityRemoved = YES and the method recorded. Pixel data is not
 * inspected — burned-in text (e.g. on ultrasound) is flagged by BurnedInAnnotation, not removed.
 */
export function deidentify(parsed: ParsedDicom, pseudonym: string): Uint8Array {
  const dataset: Record<string, unknown> = { ...parsed.dataset };
  for (const key of REMOVED_ATTRIBUTES) delete dataset[key];
  Object.assign(dataset, REPLACED, {
    PatientID: pseudonym,
    PatientIdentityRemoved: 'YES',
    DeidentificationMethod: 'Teleconsult: PS3.15 Basic Profile subset; UIDs retained',
  });
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(parsed.meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}
