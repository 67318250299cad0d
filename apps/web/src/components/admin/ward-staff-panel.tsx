import { useState } from 'react';
import type { ClinicianAccount } from '@teleconsult/protocol';
import { type StaffedWard, useWardStaff } from '../../hooks/use-ward-staff/use-ward-staff';
import './ward-staff.css';

/**
 * Admins: who is on each ward's staff. A clinician sees a ward's beds and patients only while on
 * its staff; removing them ends their live station view of it. A new `accountsVersion` reloads
 * (clinician accounts changed elsewhere on the page).
 */
export function WardStaffPanel({ accountsVersion = 0 }: { accountsVersion?: number }) {
  const { wards, clinicians, message, add, remove } = useWardStaff(accountsVersion);
  return (
    <section className="card" data-testid="admin-ward-staff">
      <h2>Ward staff</h2>
      <p className="muted">
        Clinicians see only the wards they are on the staff of: their beds, vital signs, trends and exports.
      </p>
      {message ? (
        <p className={message.ok ? 'ward-staff__notice' : 'form-error'} role="status">
          {message.text}
        </p>
      ) : null}
      {wards === null ? (
        <p className="muted">Loading…</p>
      ) : wards.length === 0 ? (
        <p className="muted">No wards are set up yet.</p>
      ) : (
        <div className="ward-staff">
          {wards.map((entry) => (
            <WardStaffCard
              key={entry.ward.id}
              entry={entry}
              clinicians={clinicians}
              onAdd={(clinician) => void add(entry.ward, clinician)}
              onRemove={(member) => void remove(entry.ward, member)}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function WardStaffCard({
  entry: { ward, staff },
  clinicians,
  onAdd,
  onRemove,
}: {
  entry: StaffedWard;
  clinicians: ClinicianAccount[];
  onAdd: (clinician: ClinicianAccount) => void;
  onRemove: (member: StaffedWard['staff'][number]) => void;
}) {
  const [chosen, setChosen] = useState('');
  const onStaff = new Set(staff.map((m) => m.userId));
  const candidates = clinicians.filter((c) => !c.disabledAt && !onStaff.has(c.id));
  const selected = candidates.find((c) => c.id === chosen);
  return (
    <div className="ward-staff__ward" data-testid="ward-staff" data-ward={ward.id}>
      <h3>
        {ward.name} <span className="muted small">{ward.kind === 'ed' ? 'emergency department' : 'ICU'}</span>
      </h3>
      {staff.length === 0 ? (
        <p className="muted small">Nobody yet: no clinician sees this ward.</p>
      ) : (
        <ul className="ward-staff__list">
          {staff.map((member) => (
            <li key={member.userId} className="ward-staff__member" data-testid="ward-staff-member">
              <span className="ward-staff__who">
                <strong>{member.displayName}</strong>
                <span className="muted small" title={member.email}>
                  {member.email}
                </span>
              </span>
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${member.displayName} from ${ward.name}`}
                onClick={() => onRemove(member)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="ward-staff__add"
        onSubmit={(event) => {
          event.preventDefault();
          if (!selected) return;
          onAdd(selected);
          setChosen('');
        }}
      >
        <label className="ward-staff__select">
          <span className="muted small">Add a clinician</span>
          <select
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            aria-label={`Clinician to add to ${ward.name}`}
          >
            <option value="">Choose…</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName} ({c.email})
              </option>
            ))}
          </select>
        </label>
        <button className="button" type="submit" disabled={!selected}>
          Add
        </button>
      </form>
    </div>
  );
}
