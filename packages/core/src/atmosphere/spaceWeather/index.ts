/** Space weather for atmosphere models: CelesTrak SW file reader and the NRLMSISE-00 input provider built on it. */
export * from './celestrakSw.ts';
export * from './nrlmsiseInputs.ts';
