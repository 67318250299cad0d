import { useEffect, useRef, useState } from 'react';
import type { ViewerPoint, ViewerState } from '@teleconsult/protocol';
import { formatLength } from '../../imaging/measurement';
import { renderFrame } from '../../imaging/render-frame';
import type { LoadedImage, ViewerSnapshot, ViewerSync } from '../../imaging/viewer-sync';
import {
  type Viewport,
  imageToScreen,
  panForZoomAt,
  scaleOf,
  screenToImage,
} from '../../imaging/viewport-transform';

type Tool = 'window' | 'pan' | 'zoom' | 'measure';

const TOOLS: { tool: Tool; label: string; hint: string }[] = [
  {
    tool: 'window',
    label: 'W/L',
    hint: 'Window/level: drag right for a wider window, up for a higher level',
  },
  { tool: 'pan', label: 'Pan', hint: 'Pan: drag the image' },
  { tool: 'zoom', label: 'Zoom', hint: 'Zoom: drag up to magnify (or Ctrl + wheel)' },
  { tool: 'measure', label: 'Length', hint: 'Length: drag from one point to another' },
];

/** Common presets; CT ones only where values are Hounsfield units. */
function presetsFor(image: LoadedImage): { label: string; center: number; width: number }[] {
  const own = { label: 'Default', ...image.decoded.defaultWindow };
  if (image.decoded.modality !== 'CT') return [own];
  return [
    own,
    { label: 'Soft tissue', center: 40, width: 400 },
    { label: 'Lung', center: -600, width: 1500 },
    { label: 'Bone', center: 400, width: 1800 },
    { label: 'Brain', center: 40, width: 80 },
  ];
}

interface Drag {
  tool: Tool;
  start: ViewerPoint;
  last: ViewerPoint;
  startImage: ViewerPoint;
}

interface DicomViewerProps {
  sync: ViewerSync;
  snapshot: ViewerSnapshot;
  image: LoadedImage;
  state: ViewerState;
}

let measurementCounter = 0;
const newMeasurementId = () => `m${Date.now().toString(36)}${(measurementCounter++).toString(36)}`;

/**
 * The consult's image viewer: window/level, zoom/pan, frame scrolling and length measurement on a
 * canvas. The presenter drives; followers see the same region, frame, window, pointer and lengths.
 */
export function DicomViewer({ sync, snapshot, image, state }: DicomViewerProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameCanvas = useRef<HTMLCanvasElement | null>(null);
  const [viewport, setViewport] = useState<Viewport>({ width: 0, height: 0 });
  const [tool, setTool] = useState<Tool>('window');
  const [drag, setDrag] = useState<Drag | null>(null);
  const [rendered, setRendered] = useState(0);
  const { decoded } = image;
  const view = {
    columns: decoded.columns,
    rows: decoded.rows,
    zoom: state.zoom,
    panX: state.panX,
    panY: state.panY,
  };
  const driving = snapshot.presenting || !snapshot.presenter;

  // Follow the element's size; the backing store matches device pixels so lines stay crisp.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      setViewport({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  // Window/level and frame changes re-render the image's own pixels once, off screen.
  useEffect(() => {
    const canvas = (frameCanvas.current ??= document.createElement('canvas'));
    canvas.width = decoded.columns;
    canvas.height = decoded.rows;
    const context = canvas.getContext('2d');
    if (!context) return;
    const pixels = renderFrame(decoded, state.frame, state.windowCenter, state.windowWidth);
    context.putImageData(
      new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, decoded.columns, decoded.rows),
      0,
      0,
    );
    setRendered((n) => n + 1);
  }, [decoded, state.frame, state.windowCenter, state.windowWidth]);

  // Everything else (zoom, pan, pointer, measurements) is a cheap redraw of that frame.
  useEffect(() => {
    const canvas = canvasRef.current;
    const source = frameCanvas.current;
    if (!canvas || !source || viewport.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(viewport.width * dpr);
    canvas.height = Math.round(viewport.height * dpr);
    const context = canvas.getContext('2d')!;
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.fillStyle = '#000';
    context.fillRect(0, 0, viewport.width, viewport.height);
    const scale = scaleOf(view, viewport);
    const origin = imageToScreen({ x: 0, y: 0 }, view, viewport);
    // Magnified pixels stay square blocks (no invented detail); minified ones are smoothed.
    context.imageSmoothingEnabled = scale < 1;
    context.drawImage(source, origin.x, origin.y, decoded.columns * scale, decoded.rows * scale);
    drawMeasurements(context, state, view, viewport, drag, image);
    if (state.pointer && !snapshot.presenting && snapshot.presenter)
      drawPointer(context, imageToScreen(state.pointer, view, viewport), snapshot.presenter.displayName);
  }, [rendered, viewport, state, drag, snapshot.presenting, snapshot.presenter]);

  const toScreen = (event: React.PointerEvent | React.WheelEvent): ViewerPoint => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const onImage = (point: ViewerPoint) =>
    point.x >= 0 && point.y >= 0 && point.x <= decoded.columns && point.y <= decoded.rows;

  const onPointerDown = (event: React.PointerEvent) => {
    if (!driving) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const screen = toScreen(event);
    const chosen: Tool = event.button === 1 ? 'pan' : event.button === 2 ? 'window' : tool;
    setDrag({ tool: chosen, start: screen, last: screen, startImage: screenToImage(screen, view, viewport) });
  };
  const onPointerMove = (event: React.PointerEvent) => {
    if (!driving) return;
    const screen = toScreen(event);
    const imagePoint = screenToImage(screen, view, viewport);
    if (!drag) {
      sync.dispatch({ type: 'pointer', pointer: onImage(imagePoint) ? round(imagePoint) : null });
      return;
    }
    const dx = screen.x - drag.last.x;
    const dy = screen.y - drag.last.y;
    const scale = scaleOf(view, viewport);
    if (drag.tool === 'window') {
      const range = (decoded.storedMax - decoded.storedMin) * Math.abs(decoded.rescaleSlope);
      const sensitivity = Math.max(0.05, Math.min(range, state.windowWidth * 4) / 600);
      sync.dispatch({ type: 'windowDrag', dx, dy, sensitivity });
    } else if (drag.tool === 'pan') {
      sync.dispatch({ type: 'pan', dx: -dx / scale, dy: -dy / scale });
    } else if (drag.tool === 'zoom') {
      const zoom = state.zoom * Math.exp(-dy / 150);
      sync.dispatch({ type: 'zoom', zoom, ...panForZoomAt(drag.start, zoom, view, viewport) });
    }
    setDrag({ ...drag, last: screen });
  };
  const onPointerUp = (event: React.PointerEvent) => {
    if (!drag) return;
    const end = screenToImage(toScreen(event), view, viewport);
    if (drag.tool === 'measure' && Math.hypot(end.x - drag.startImage.x, end.y - drag.startImage.y) > 1)
      sync.dispatch({
        type: 'measure',
        id: newMeasurementId(),
        from: round(drag.startImage),
        to: round(end),
      });
    setDrag(null);
  };
  const onWheel = (event: React.WheelEvent) => {
    if (!driving) return;
    if (event.ctrlKey || event.metaKey) {
      const zoom = state.zoom * Math.exp(-event.deltaY / 400);
      sync.dispatch({ type: 'zoom', zoom, ...panForZoomAt(toScreen(event), zoom, view, viewport) });
    } else {
      sync.dispatch({ type: 'frameBy', delta: Math.sign(event.deltaY) });
    }
  };

  // A read-only handle for browser tests: the state shown and the canvas pixel at an image point.
  useEffect(() => {
    (window as unknown as { __imagingViewer?: unknown }).__imagingViewer = {
      state,
      presenting: snapshot.presenting,
      imageId: image.info.id,
      sampleAt: (x: number, y: number) => {
        const canvas = canvasRef.current;
        if (!canvas) return null;
        const point = imageToScreen({ x, y }, view, viewport);
        const dpr = canvas.width / viewport.width;
        const data = canvas
          .getContext('2d')!
          .getImageData(Math.floor(point.x * dpr), Math.floor(point.y * dpr), 1, 1).data;
        return [data[0], data[1], data[2]];
      },
    };
  });

  const presets = presetsFor(image);
  const hasFrames = decoded.frames > 1;
  const lengthOf = state.measurements.filter((m) => m.imageId === image.info.id);
  return (
    <div className="viewer" data-testid="image-viewer" data-presenting={snapshot.presenting}>
      <div className="viewer__toolbar" role="toolbar" aria-label="Viewer tools">
        <div className="viewer__group">
          {TOOLS.map(({ tool: t, label, hint }) => (
            <button
              key={t}
              type="button"
              className={`viewer__tool ${tool === t ? 'viewer__tool--on' : ''}`}
              aria-pressed={tool === t}
              title={hint}
              data-testid={`viewer-tool-${t}`}
              disabled={!driving}
              onClick={() => setTool(t)}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="viewer__group">
          {presets.map((preset) => (
            <button
              key={preset.label}
              type="button"
              className="viewer__tool"
              disabled={!driving}
              onClick={() => sync.dispatch({ type: 'window', center: preset.center, width: preset.width })}
            >
              {preset.label}
            </button>
          ))}
          <button
            type="button"
            className="viewer__tool"
            disabled={!driving}
            onClick={() => sync.dispatch({ type: 'reset' })}
          >
            Reset
          </button>
          {lengthOf.length > 0 ? (
            <button
              type="button"
              className="viewer__tool"
              disabled={!driving}
              onClick={() => sync.dispatch({ type: 'clearMeasurements' })}
            >
              Clear lengths
            </button>
          ) : null}
        </div>
      </div>
      <div className="viewer__stage">
        <canvas
          ref={canvasRef}
          className={`viewer__canvas viewer__canvas--${driving ? tool : 'follow'}`}
          data-testid="viewer-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => driving && !drag && sync.dispatch({ type: 'pointer', pointer: null })}
          onWheel={onWheel}
          onContextMenu={(event) => event.preventDefault()}
        />
        <div className="viewer__corner viewer__corner--tl">
          <span>{image.info.fileName}</span>
          <span>
            {decoded.modality ?? image.info.kind.toUpperCase()} · {decoded.columns}×{decoded.rows}
            {image.info.deidentified ? ' · de-identified' : ''}
          </span>
        </div>
        <div className="viewer__corner viewer__corner--tr" data-testid="viewer-frame">
          {hasFrames ? `Frame ${state.frame + 1} / ${decoded.frames}` : 'Single frame'}
        </div>
        <div className="viewer__corner viewer__corner--bl" data-testid="viewer-window">
          <span>
            W {Math.round(state.windowWidth)} · L {Math.round(state.windowCenter)}
          </span>
          <span>Zoom {Math.round(scaleOf(view, viewport) * 100)}%</span>
        </div>
        <div className="viewer__corner viewer__corner--br">
          {decoded.pixelSpacingMm
            ? `${decoded.pixelSpacingMm[1].toFixed(2)} × ${decoded.pixelSpacingMm[0].toFixed(2)} mm/px`
            : 'No pixel spacing: lengths in px'}
        </div>
      </div>
      {hasFrames ? (
        <div className="viewer__frames">
          <button
            type="button"
            className="viewer__tool"
            aria-label="Previous frame"
            disabled={!driving}
            onClick={() => sync.dispatch({ type: 'frameBy', delta: -1 })}
          >
            ‹
          </button>
          <input
            type="range"
            min={0}
            max={decoded.frames - 1}
            value={state.frame}
            disabled={!driving}
            aria-label="Frame"
            data-testid="viewer-frame-slider"
            onChange={(event) => sync.dispatch({ type: 'frame', frame: Number(event.target.value) })}
          />
          <button
            type="button"
            className="viewer__tool"
            aria-label="Next frame"
            disabled={!driving}
            onClick={() => sync.dispatch({ type: 'frameBy', delta: 1 })}
          >
            ›
          </button>
        </div>
      ) : null}
    </div>
  );
}

const round = (p: ViewerPoint): ViewerPoint => ({
  x: Math.round(p.x * 100) / 100,
  y: Math.round(p.y * 100) / 100,
});

function drawMeasurements(
  context: CanvasRenderingContext2D,
  state: ViewerState,
  view: Parameters<typeof imageToScreen>[1],
  viewport: Viewport,
  drag: Drag | null,
  image: LoadedImage,
): void {
  const lines = state.measurements
    .filter((m) => m.imageId === image.info.id && m.frame === state.frame)
    .map((m) => ({ from: m.from, to: m.to, label: formatLength(m), draft: false }));
  if (drag?.tool === 'measure') {
    const to = screenToImage(drag.last, view, viewport);
    const dx = to.x - drag.startImage.x;
    const dy = to.y - drag.startImage.y;
    const spacing = image.facts.pixelSpacingMm;
    lines.push({
      from: drag.startImage,
      to,
      label: formatLength({
        lengthPx: Math.hypot(dx, dy),
        lengthMm: spacing ? Math.hypot(dx * spacing[1], dy * spacing[0]) : null,
      }),
      draft: true,
    });
  }
  context.lineWidth = 1.5;
  context.font = '600 13px system-ui, sans-serif';
  for (const line of lines) {
    const a = imageToScreen(line.from, view, viewport);
    const b = imageToScreen(line.to, view, viewport);
    context.strokeStyle = line.draft ? '#7fe3ff' : '#ffd54a';
    context.setLineDash(line.draft ? [5, 4] : []);
    context.beginPath();
    context.moveTo(a.x, a.y);
    context.lineTo(b.x, b.y);
    context.stroke();
    context.setLineDash([]);
    for (const end of [a, b]) {
      context.beginPath();
      context.arc(end.x, end.y, 3, 0, Math.PI * 2);
      context.stroke();
    }
    const label = { x: (a.x + b.x) / 2 + 8, y: (a.y + b.y) / 2 - 8 };
    context.fillStyle = 'rgb(0 0 0 / 70%)';
    const width = context.measureText(line.label).width;
    context.fillRect(label.x - 4, label.y - 14, width + 8, 19);
    context.fillStyle = line.draft ? '#7fe3ff' : '#ffd54a';
    context.fillText(line.label, label.x, label.y);
  }
}

function drawPointer(context: CanvasRenderingContext2D, at: ViewerPoint, name: string): void {
  context.save();
  context.translate(at.x, at.y);
  context.fillStyle = '#ff5fa2';
  context.strokeStyle = '#fff';
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(0, 0);
  context.lineTo(0, 18);
  context.lineTo(5, 13.5);
  context.lineTo(11, 16);
  context.closePath();
  context.fill();
  context.stroke();
  context.font = '600 12px system-ui, sans-serif';
  const width = context.measureText(name).width;
  context.fillStyle = '#ff5fa2';
  context.fillRect(12, 16, width + 10, 18);
  context.fillStyle = '#fff';
  context.fillText(name, 17, 29);
  context.restore();
}
