import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Images shared in a consult; the bytes live under DATA_DIR/images, this is their index. */
export class ConsultImages1764500000000 implements MigrationInterface {
  name = 'ConsultImages1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const id = pg ? 'uuid' : 'varchar(36)';
    const time = pg ? 'timestamptz' : 'datetime';
    await runner.query(`CREATE TABLE consult_images (
      id ${id} NOT NULL PRIMARY KEY,
      consult_id ${id} NOT NULL REFERENCES consults(id) ON DELETE CASCADE,
      uploaded_by varchar(36) NOT NULL,
      kind varchar(8) NOT NULL CHECK (kind IN ('dicom', 'png', 'jpeg')),
      file_name varchar(100) NOT NULL,
      byte_size integer NOT NULL,
      sha256 varchar(64) NOT NULL,
      deidentified boolean NOT NULL,
      summary text NOT NULL,
      created_at ${time} NOT NULL
    )`);
    await runner.query(`CREATE INDEX consult_images_consult_idx ON consult_images (consult_id, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE consult_images`);
  }
}
