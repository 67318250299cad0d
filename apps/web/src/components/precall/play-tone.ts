/** Plays a one-second 440 Hz tone at a comfortable volume, for the speaker test. */
export async function playTone(durationS = 1): Promise<void> {
  const context = new AudioContext();
  await context.resume();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 440;
  gain.gain.value = 0.2;
  oscillator.connect(gain).connect(context.destination);
  await new Promise<void>((resolve) => {
    oscillator.onended = () => resolve();
    oscillator.start();
    oscillator.stop(context.currentTime + durationS);
  });
  await context.close();
}
