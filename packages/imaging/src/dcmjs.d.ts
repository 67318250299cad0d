// The part of dcmjs (https://github.com/dcmjs-org/dcmjs) used here; the package ships no types.
declare module 'dcmjs' {
  type Dataset = Record<string, unknown>;
  interface DicomDictInstance {
    meta: Dataset;
    dict: Dataset;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  export const data: {
    DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDictInstance };
    DicomMetaDictionary: {
      naturalizeDataset(dataset: Dataset): Dataset;
      denaturalizeDataset(dataset: Dataset): Dataset;
    };
    DicomDict: new (meta: Dataset) => DicomDictInstance;
  };
  const dcmjs: { data: typeof data };
  export default dcmjs;
}
