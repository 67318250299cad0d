import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { SfuNotification } from '@teleconsult/sfu-rpc';
import { SfuClient } from '../sfu/sfu-client.service';
import { RoomRegistry } from './room-registry.service';
import type { ConsultNamespace } from './signalling-context';

/** Turns SFU events into client notifications, addressed to the peer (or room) they concern. */
@Injectable()
export class SfuNotificationRouter implements OnModuleInit {
  private namespace: (() => ConsultNamespace) | undefined;

  constructor(
    private readonly sfu: SfuClient,
    private readonly rooms: RoomRegistry,
  ) {}

  attach(namespace: () => ConsultNamespace): void {
    this.namespace = namespace;
  }

  onModuleInit(): void {
    this.sfu.notifications.on('notification', (notification) => this.route(notification));
  }

  private route(notification: SfuNotification): void {
    const namespace = this.namespace?.();
    if (!namespace) return;
    if (notification.type === 'room:mediaReset') {
      // The media is gone: forget the peers so their rejoin starts clean.
      const room = this.rooms.drop(notification.roomId);
      for (const peer of room?.peers.values() ?? []) {
        const socket = namespace.sockets.get(peer.socketId);
        if (socket) {
          socket.data.peerId = undefined;
          void socket.leave(notification.roomId);
          socket.emit('notification', { type: 'room:mediaReset', reason: notification.reason });
        }
      }
      return;
    }
    if (notification.type === 'room:activeSpeaker') {
      // Only to the room's admitted peers: waiting patients are in no room channel.
      if (this.rooms.find(notification.roomId)?.peers.has(notification.peerId))
        namespace.to(notification.roomId).emit('notification', {
          type: 'room:activeSpeaker',
          peerId: notification.peerId,
        });
      return;
    }
    if (notification.type === 'producer:closed') return; // the api announces producer closes itself
    // Data channels are used by the remote-ICU station, which does not go through this gateway.
    if (notification.type === 'dataConsumer:closed') return;
    const peer = this.rooms.ownerOfConsumer(notification.roomId, notification.consumerId);
    const socket = peer && namespace.sockets.get(peer.socketId);
    if (!peer || !socket) return;
    switch (notification.type) {
      case 'consumer:closed':
        peer.consumers.delete(notification.consumerId);
        socket.emit('notification', { type: 'consumer:closed', consumerId: notification.consumerId });
        return;
      case 'consumer:layersChanged':
        socket.emit('notification', {
          type: 'consumer:layersChanged',
          consumerId: notification.consumerId,
          spatialLayer: notification.spatialLayer,
          temporalLayer: notification.temporalLayer,
        });
        return;
      default:
        // producerPaused/Resumed reach clients as producer:paused/resumed from the pausing peer's request.
        return;
    }
  }
}
