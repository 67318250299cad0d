import type { Alarm } from '@teleconsult/clinical';
import type { BedView } from '@teleconsult/protocol';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiRequestError, api } from '../../api/api-client';
import type { BedWaveforms } from '../../client/station-client';
import type { StationTalk } from '../../client/station-talk';
import { useBedTrends } from '../../hooks/use-bed-trends/use-bed-trends';
import { STRIP_STYLES } from '../../station/strip-styles';
import { WaveformStrip } from '../waveform-strip';
import { AlarmList } from './alarm-list';
import { BedVideo } from './bed-video';
import { News2Badge } from './news2-badge';
import { TalkControl } from './talk-control';
import { TrendChart } from './trend-chart';

const TREND_HOURS = 4;
const show = (value: number | undefined, digits = 0) => (value === undefined ? '–' : value.toFixed(digits));

const NUMERICS: Array<{
  key: 'heartRate' | 'spo2' | 'respiratoryRate' | 'temperature';
  label: string;
  unit: string;
  digits?: number;
  css: string;
}> = [
  { key: 'heartRate', label: 'HR', unit: '/min', css: 'hr' },
  { key: 'spo2', label: 'SpO₂', unit: '%', css: 'spo2' },
  { key: 'respiratoryRate', label: 'RR', unit: '/min', css: 'rr' },
  { key: 'temperature', label: 'Temp', unit: '°C', digits: 1, css: 'temp' },
];

/** One bed close up: the camera's high layer, all three waveforms, every numeric, alarms and trends. */
export function FocusView({
  bed,
  track,
  waveforms,
  now,
  onClose,
  onAcknowledge,
  onSilence,
  talk = null,
  onTalk,
}: {
  bed: BedView;
  track: MediaStreamTrack | null;
  waveforms: BedWaveforms;
  now: number;
  onClose: () => void;
  onAcknowledge: (alarm: Alarm) => void;
  onSilence: (alarm: Alarm) => void;
  /** This station's talk-down, if any; without onTalk there is no talk button. */
  talk?: StationTalk | null;
  onTalk?: (on: boolean) => void;
}) {
  const { points, error: trendError } = useBedTrends(bed.id, TREND_HOURS);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const v = bed.latest;
  const linkLost = bed.alarms.some((a) => a.key === 'tech.linkLost');
  const artefact = (key: string) => bed.artefacts.includes(key as never);
  return (
    <div className="focus-backdrop" onClick={onClose}>
      <section
        className={`focus-view${linkLost ? ' bed-tile--link-lost bed-tile--stale' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={`${bed.label} close up`}
        data-testid="focus-view"
        data-bed={bed.id}
        onClick={(event) => event.stopPropagation()}
      >
        <header className="focus-view__head">
          <h2>
            {bed.kind === 'ambulance' && bed.callSign ? `${bed.callSign} · ` : ''}
            {bed.label}
          </h2>
          <span className="bed-tile__patient">
            {bed.admission
              ? `${bed.admission.patientName}${bed.admission.mrn ? ` · ${bed.admission.mrn}` : ''}`
              : 'No patient'}
          </span>
          <News2Badge news2={bed.news2} />
          <span className={`focus-view__device${bed.online ? '' : ' focus-view__device--off'}`}>
            {bed.online ? 'Bedside online' : 'Bedside offline'}
          </span>
          {onTalk ? <TalkControl bed={bed} talk={talk} onTalk={onTalk} /> : null}
          <button ref={closeButton} type="button" className="focus-view__close" onClick={onClose}>
            Close (Esc)
          </button>
        </header>
        {linkLost ? (
          <p className="bed-tile__link-lost" role="alert">
            No data — check the patient at the bedside
          </p>
        ) : null}
        <div className="focus-view__main">
          <div className="focus-view__video bed-tile__video">
            <BedVideo track={track} label={`Camera of ${bed.label}`} testId="focus-video" />
            {track ? null : <span className="bed-tile__novideo">No video</span>}
          </div>
          <div className="focus-view__side">
            <dl className="focus-view__numerics">
              {NUMERICS.map((n) => (
                <div
                  key={n.key}
                  className={`numeric numeric--${n.css}${artefact(n.key) ? ' numeric--artefact' : ''}`}
                >
                  <dt>
                    {n.label} <span className="numeric__unit">{n.unit}</span>
                  </dt>
                  <dd>{show(v?.[n.key], n.digits)}</dd>
                </div>
              ))}
              <div
                className={`numeric numeric--bp${artefact('systolic') || artefact('diastolic') ? ' numeric--artefact' : ''}`}
              >
                <dt>
                  BP <span className="numeric__unit">mmHg</span>
                </dt>
                <dd>
                  {show(v?.systolic)}/{show(v?.diastolic)}
                </dd>
              </div>
              <div className="numeric">
                <dt>ACVPU · O₂</dt>
                <dd>
                  {v?.consciousness ?? '–'} · {v?.onOxygen === undefined ? '–' : v.onOxygen ? 'on O₂' : 'air'}
                </dd>
              </div>
            </dl>
            {v?.leadOff ? <p className="focus-view__note">ECG leads off</p> : null}
            {v ? (
              <p className="focus-view__note muted">
                measured {new Date(v.at).toLocaleTimeString()}
                {bed.artefacts.length > 0 ? ' · grey values look like artefacts' : ''}
              </p>
            ) : null}
          </div>
        </div>
        <div className="focus-view__strips">
          <WaveformStrip
            buffer={waveforms.ecg}
            style={STRIP_STYLES.ecg}
            label={`ECG II of ${bed.label}`}
            height={90}
          />
          <WaveformStrip
            buffer={waveforms.pleth}
            style={STRIP_STYLES.pleth}
            label={`Pleth of ${bed.label}`}
            height={60}
          />
          <WaveformStrip
            buffer={waveforms.resp}
            style={STRIP_STYLES.resp}
            label={`Respiration of ${bed.label}`}
            height={50}
          />
        </div>
        <div className="focus-view__lower">
          <div>
            <h3>Alarms</h3>
            {bed.alarms.length === 0 ? <p className="muted small">No active alarms</p> : null}
            <AlarmList alarms={bed.alarms} now={now} onAcknowledge={onAcknowledge} onSilence={onSilence} />
            <AdmissionPanel bed={bed} />
          </div>
          <div>
            <h3>Trends · last {TREND_HOURS} h</h3>
            {trendError ? <p className="form-error">{trendError}</p> : null}
            {points ? (
              <TrendChart points={points} hours={TREND_HOURS} now={now} />
            ) : (
              <p className="muted small">Loading…</p>
            )}
          </div>
        </div>
      </section>
    </div>
  );
}

/** Admit a patient to an empty bed, discharge an occupied one, or download its vitals as FHIR. */
function AdmissionPanel({ bed }: { bed: BedView }) {
  const [patientName, setPatientName] = useState('');
  const [mrn, setMrn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'That did not work.');
    } finally {
      setBusy(false);
    }
  };
  const admit = (event: FormEvent) => {
    event.preventDefault();
    void run(() =>
      api.admitToBed(bed.id, { patientName: patientName.trim(), ...(mrn.trim() ? { mrn: mrn.trim() } : {}) }),
    );
  };
  const download = () =>
    run(async () => {
      const bundle = await api.bedFhirVitals(bed.id);
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/fhir+json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = `${bed.label.replace(/[^\w-]+/g, '_')}-vitals.fhir.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  return (
    <div className="admission-panel">
      <h3>Admission</h3>
      {bed.admission ? (
        <p className="small">
          Admitted {new Date(bed.admission.admittedAt).toLocaleString()}{' '}
          <button
            type="button"
            className="alarm__ack"
            disabled={busy}
            onClick={() => void run(() => api.dischargeBed(bed.id))}
          >
            Discharge
          </button>{' '}
          <button type="button" className="alarm__ack" disabled={busy} onClick={() => void download()}>
            Download vitals (FHIR)
          </button>
        </p>
      ) : (
        <form className="admission-panel__form" onSubmit={admit}>
          <input
            aria-label="Patient name"
            placeholder="Patient name"
            value={patientName}
            onChange={(e) => setPatientName(e.target.value)}
            required
          />
          <input
            aria-label="Hospital number"
            placeholder="MRN (optional)"
            value={mrn}
            onChange={(e) => setMrn(e.target.value)}
          />
          <button type="submit" className="alarm__ack" disabled={busy || !patientName.trim()}>
            Admit
          </button>
        </form>
      )}
      {error ? <p className="form-error">{error}</p> : null}
    </div>
  );
}
