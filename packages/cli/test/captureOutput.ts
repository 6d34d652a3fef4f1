/** Test helper: captures what `runCli` writes to stdout and stderr in each test (reset before each, restored after). */
import { afterEach, beforeEach, vi } from 'vitest';

export interface CapturedOutput {
  stdout: string;
  stderr: string;
}

/** Registers the capture for the tests of the calling file and returns the live buffers (assignable, to reset mid-test). */
export function captureCliOutput(): CapturedOutput {
  const io: CapturedOutput = { stdout: '', stderr: '' };
  beforeEach(() => {
    io.stdout = '';
    io.stderr = '';
    process.exitCode = undefined;
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      io.stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      io.stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  return io;
}
