import { Controller, Get, Param, Post, Query, Req, StreamableFile, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import {
  type ConsultImage,
  consultImageListSchema,
  consultImageSchema,
  imageUploadQuerySchema,
} from '@teleconsult/protocol';
import type { Repository } from 'typeorm';
import type { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { ConsultsService } from '../consults/consults.service';
import { ConsultAccess } from '../invitations/consult-access.service';
import { ConsultParticipant } from '../lobby/entities/consult-participant.entity';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { uuidParam } from '../scheduling/availability.controller';
import { CONTENT_TYPES, kindOfContentType } from './image-content';
import { ImageStore, type Viewer } from './image-store.service';

const asFile = ({ row, bytes }: Awaited<ReturnType<ImageStore['read']>>) =>
  new StreamableFile(bytes, {
    type: CONTENT_TYPES[row.kind],
    disposition: `attachment; filename="${row.fileName}"`,
    length: bytes.byteLength,
  });

function bodyBytes(request: Request): { kind: keyof typeof CONTENT_TYPES; bytes: Uint8Array } {
  const kind = kindOfContentType(request.headers['content-type']);
  if (!kind)
    throw new ApiError(
      'INVALID_IMAGE',
      'content-type: send application/dicom, image/png or image/jpeg',
      'content-type',
    );
  const body = request.body as unknown;
  if (!Buffer.isBuffer(body) || body.byteLength === 0)
    throw new ApiError('INVALID_IMAGE', 'file: the body is empty', 'file');
  return { kind, bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
}

/** The consult's clinician uploads images; they and the clinicians invited to the consult read them. */
@Controller('api/consults/:id/images')
@UseGuards(AuthGuard)
@Roles('clinician')
export class ConsultImagesController {
  constructor(
    private readonly consults: ConsultsService,
    private readonly store: ImageStore,
    private readonly access: ConsultAccess,
  ) {}

  @Post()
  @ApiDoc({
    summary:
      'Share an image in the consult: the raw file as the body (application/dicom, image/png or image/jpeg); DICOM is validated and de-identified',
    tags: ['images'],
    auth: 'bearer',
    query: imageUploadQuerySchema,
    response: consultImageSchema,
    status: 201,
    errors: ['INVALID_IMAGE', 'PAYLOAD_TOO_LARGE', 'NOT_FOUND'],
  })
  async upload(
    @CurrentUser() user: AccessClaims,
    @Param('id', uuidParam('id')) consultId: string,
    @Query(new ZodPipe(imageUploadQuerySchema)) query: z.output<typeof imageUploadQuerySchema>,
    @Req() request: Request,
  ): Promise<ConsultImage> {
    await this.consults.getOwned(user.userId, consultId);
    const { kind, bytes } = bodyBytes(request);
    return this.store.upload(consultId, kind, bytes, query.name, viewerOf(user, request));
  }

  @Get()
  @ApiDoc({
    summary: "The consult's images",
    tags: ['images'],
    auth: 'bearer',
    response: consultImageListSchema,
    errors: ['NOT_FOUND'],
  })
  async list(
    @CurrentUser() user: AccessClaims,
    @Param('id', uuidParam('id')) consultId: string,
    @Req() request: Request,
  ): Promise<ConsultImage[]> {
    await this.access.open(user.userId, consultId);
    return this.store.list(consultId, viewerOf(user, request));
  }

  @Get(':imageId')
  @ApiDoc({
    summary: 'One image file',
    tags: ['images'],
    auth: 'bearer',
    produces: 'application/octet-stream',
    errors: ['NOT_FOUND'],
  })
  async read(
    @CurrentUser() user: AccessClaims,
    @Param('id', uuidParam('id')) consultId: string,
    @Param('imageId', uuidParam('imageId')) imageId: string,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    await this.access.open(user.userId, consultId);
    return asFile(await this.store.read(consultId, imageId, viewerOf(user, request)));
  }
}

const viewerOf = (user: AccessClaims, request: Request): Viewer => ({
  actorType: 'user',
  actorId: user.userId,
  ip: requestIp(request),
});

/** A patient sees the consult's images only once admitted, through their own link. */
@Controller('api/join/:token/images')
export class PatientImagesController {
  constructor(
    private readonly consults: ConsultsService,
    private readonly store: ImageStore,
    @InjectRepository(ConsultParticipant) private readonly participants: Repository<ConsultParticipant>,
  ) {}

  @Get()
  @ApiDoc({
    summary: "The consult's images, for an admitted patient",
    tags: ['images'],
    auth: 'link',
    response: consultImageListSchema,
    errors: ['NOT_ADMITTED', 'LINK_INVALID'],
  })
  async list(@Param('token') token: string, @Req() request: Request): Promise<ConsultImage[]> {
    const { consultId, viewer } = await this.admitted(token, request);
    return this.store.list(consultId, viewer);
  }

  @Get(':imageId')
  @ApiDoc({
    summary: 'One image file, for an admitted patient',
    tags: ['images'],
    auth: 'link',
    produces: 'application/octet-stream',
    errors: ['NOT_ADMITTED', 'NOT_FOUND'],
  })
  async read(
    @Param('token') token: string,
    @Param('imageId', uuidParam('imageId')) imageId: string,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const { consultId, viewer } = await this.admitted(token, request);
    return asFile(await this.store.read(consultId, imageId, viewer));
  }

  private async admitted(token: string, request: Request): Promise<{ consultId: string; viewer: Viewer }> {
    const { link, consult } = await this.consults.resolveLink(token);
    const admitted = await this.participants.exists({
      where: { consultId: consult.id, linkId: link.id, status: 'admitted' },
    });
    if (!admitted)
      throw new ApiError('NOT_ADMITTED', 'the images are shown once the clinician has let you in');
    return {
      consultId: consult.id,
      viewer: { actorType: 'patient', actorId: `link:${link.id}`, ip: requestIp(request) },
    };
  }
}
