import { Module } from '@nestjs/common';
import { SfuClient } from './sfu-client.service';

@Module({ providers: [SfuClient], exports: [SfuClient] })
export class SfuModule {}
