/** Uploads: reading bodies off the request thread (worker), bounded error reports, the upload parse task. */
export * from './limits.ts';
export * from './parser.ts';
export { parseUpload, uploadKind, UPLOAD_FORMATS, type ParsedUpload, type ParseUploadTask, type UploadFormat } from './parseTask.ts';
