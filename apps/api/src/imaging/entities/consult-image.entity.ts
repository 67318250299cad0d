import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An image shared in a consult. The bytes live under DATA_DIR/images; this row is the index. */
@Entity({ name: 'consult_images' })
export class ConsultImageRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36 })
  consultId: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 36 })
  uploadedBy: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'dicom' | 'png' | 'jpeg';

  @Column({ name: 'file_name', type: 'varchar', length: 100 })
  fileName: string;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'boolean' })
  deidentified: boolean;

  /** Viewer attributes (rows, columns, frames, modality, window, spacing). */
  @Column({ type: 'simple-json' })
  summary: {
    rows: number | null;
    columns: number | null;
    frames: number;
    modality: string | null;
    windowCenter: number | null;
    windowWidth: number | null;
    pixelSpacingMm: [number, number] | null;
  };

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
