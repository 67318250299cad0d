import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ConsultImage } from '@teleconsult/protocol';
import { ImagingError, deidentify, safeFileName } from '@teleconsult/imaging';
import { In, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ConsultImageRow } from './entities/consult-image.entity';
import { type ImageKind, checkImage } from './image-content';

const EXTENSION: Record<ImageKind, string> = { dicom: 'dcm', png: 'png', jpeg: 'jpg' };

export interface Viewer {
  actorType: 'user' | 'patient';
  actorId: string;
  ip: string;
}

export const toConsultImage = (row: ConsultImageRow): ConsultImage => ({
  id: row.id,
  consultId: row.consultId,
  kind: row.kind,
  fileName: row.fileName,
  byteSize: row.byteSize,
  sha256: row.sha256,
  uploadedAt: row.createdAt.toISOString(),
  deidentified: row.deidentified,
  ...row.summary,
});

/**
 * Stores a consult's images after checking them: the bytes must be the declared type, DICOM must
 * parse and is de-identified (IMAGE_DEIDENTIFY) with the consult's pseudonym. A refused upload
 * leaves nothing behind; a stored one is written to a temporary name, then renamed.
 */
@Injectable()
export class ImageStore {
  private readonly root: string;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectRepository(ConsultImageRow) private readonly rows: Repository<ConsultImageRow>,
    private readonly audit: AuditService,
  ) {
    this.root = join(config.DATA_DIR, 'images');
  }

  async upload(
    consultId: string,
    kind: ImageKind,
    bytes: Uint8Array,
    originalName: string,
    by: Viewer,
  ): Promise<ConsultImage> {
    let stored = bytes;
    let deidentified = false;
    let checked;
    try {
      checked = checkImage(kind, bytes, this.config.IMAGE_MAX_BYTES);
      if (checked.dicom && this.config.IMAGE_DEIDENTIFY) {
        stored = deidentify(checked.dicom, `consult-${consultId.slice(0, 8)}`);
        deidentified = true;
      }
    } catch (error) {
      if (error instanceof ImagingError)
        throw error.code === 'TOO_LARGE'
          ? new ApiError('PAYLOAD_TOO_LARGE', error.message)
          : new ApiError('INVALID_IMAGE', `file: ${error.message}`, 'file');
      throw error;
    }
    const id = randomUUID();
    const row: ConsultImageRow = {
      id,
      consultId,
      uploadedBy: by.actorId,
      kind,
      fileName: safeFileName(originalName) || `image.${EXTENSION[kind]}`,
      byteSize: stored.byteLength,
      sha256: createHash('sha256').update(stored).digest('hex'),
      deidentified,
      summary: checked.summary,
      createdAt: new Date(),
    };
    const dir = join(this.root, consultId);
    await mkdir(dir, { recursive: true });
    const path = this.pathOf(row);
    await writeFile(`${path}.part`, stored, { mode: 0o600 });
    try {
      await rename(`${path}.part`, path);
      await this.rows.insert(row);
    } catch (error) {
      await rm(path, { force: true });
      await rm(`${path}.part`, { force: true });
      throw error;
    }
    await this.audit.record({
      ...by,
      action: 'image.uploaded',
      consultId,
      detail: { imageId: id, kind, byteSize: row.byteSize, deidentified },
    });
    return toConsultImage(row);
  }

  async list(consultId: string, by: Viewer): Promise<ConsultImage[]> {
    const rows = await this.rows.find({ where: { consultId }, order: { createdAt: 'ASC' } });
    await this.audit.record({ ...by, action: 'images.listed', consultId, detail: { count: rows.length } });
    return rows.map(toConsultImage);
  }

  /** The image's bytes, if it belongs to this consult; another consult's id is simply not found. */
  async read(
    consultId: string,
    imageId: string,
    by: Viewer,
  ): Promise<{ row: ConsultImageRow; bytes: Buffer }> {
    const row = await this.rows.findOne({ where: { id: imageId, consultId } });
    if (!row) throw new ApiError('NOT_FOUND', 'no such image in this consult', 'imageId');
    const bytes = await readFile(this.pathOf(row));
    await this.audit.record({ ...by, action: 'image.viewed', consultId, detail: { imageId } });
    return { row, bytes };
  }

  /** Which of these ids are images of this consult (another consult's id is as absent as a made-up one). */
  async ofConsult(consultId: string, imageIds: readonly string[]): Promise<Set<string>> {
    if (imageIds.length === 0) return new Set();
    const rows = await this.rows.find({
      select: { id: true },
      where: { consultId, id: In([...new Set(imageIds)]) },
    });
    return new Set(rows.map((row) => row.id));
  }

  private pathOf(row: Pick<ConsultImageRow, 'consultId' | 'id' | 'kind'>): string {
    // Ids are UUIDs generated here, never user input: the path cannot leave the images folder.
    return join(this.root, row.consultId, `${row.id}.${EXTENSION[row.kind]}`);
  }
}
