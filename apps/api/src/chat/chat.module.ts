import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatService } from './chat.service';
import { ChatMessageRow } from './entities/chat-message.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ChatMessageRow])],
  providers: [ChatService],
  exports: [ChatService],
})
export class ChatModule {}
