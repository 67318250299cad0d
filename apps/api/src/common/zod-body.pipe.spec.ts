import { z } from 'zod';
import { ApiError } from './api-error';
import { ZodPipe } from './zod-body.pipe';

const pipe = new ZodPipe(z.object({ title: z.string().min(1), patient: z.object({ name: z.string() }) }));

describe('ZodPipe', () => {
  it('returns the parsed value', () => {
    expect(pipe.transform({ title: 'Check', patient: { name: 'Pat' }, extra: 1 })).toEqual({
      title: 'Check',
      patient: { name: 'Pat' },
    });
  });

  it('throws a 400 VALIDATION_FAILED naming the nested field', () => {
    const error = captureError(() => pipe.transform({ title: 'Check', patient: { name: 7 } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'patient.name' });
    expect((error as ApiError).getStatus()).toBe(400);
    expect((error as ApiError).message).toMatch(/^patient\.name: /);
  });

  it('treats a missing body as an empty object, so the first required field is named', () => {
    expect(captureError(() => pipe.transform(undefined))).toMatchObject({ field: 'title' });
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the pipe to throw');
}
