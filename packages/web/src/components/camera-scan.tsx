import { Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Detector { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }
interface DetectorClass { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<readonly string[]> }
// GS1 DataBar is `databar*` in the ponyfill and absent from the native enum: an unknown format makes the
// constructor throw, so only the formats this detector lists are asked for.
const FORMATS = ['data_matrix', 'qr_code', 'code_128', 'ean_13', 'databar', 'databar_expanded'];

async function withSupportedFormats(Detector: DetectorClass): Promise<Detector> {
  const supported = new Set(await Detector.getSupportedFormats());
  return new Detector({ formats: FORMATS.filter((f) => supported.has(f)) });
}

/**
 * The browser's own BarcodeDetector where it exists, else the zxing-wasm ponyfill whose .wasm file
 * is served by this app (never a CDN): the decoder and its WebAssembly load only when scanning starts.
 */
async function createDetector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (native) return withSupportedFormats(native);
  const [ponyfill, wasm] = await Promise.all([import('barcode-detector/ponyfill'), import('zxing-wasm/reader/zxing_reader.wasm?url')]);
  ponyfill.setZXingModuleOverrides({ locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm.default : prefix + path) });
  return withSupportedFormats(ponyfill.BarcodeDetector as unknown as DetectorClass);
}

export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
}

/** A button that opens the camera and hands the first code it reads to `onCode`. */
export function CameraScanButton({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!open) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    void (async () => {
      try {
        const detector = await createDetector();
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (!video.current || stopped) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (!stopped) {
          const found = await detector.detect(video.current).catch(() => []);
          if (found[0]?.rawValue) {
            onCode(found[0].rawValue);
            setOpen(false);
            return;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [open, onCode]);

  if (!cameraAvailable()) return <Button disabled title={t('scan.cameraUnavailable')}>{t('scan.camera')}</Button>;
  return (
    <>
      <Button onClick={() => { setError(null); setOpen(true); }}>{t('scan.camera')}</Button>
      <Modal open={open} title={t('scan.camera')} onCancel={() => setOpen(false)} footer={<Button onClick={() => setOpen(false)}>{t('scan.cameraStop')}</Button>} destroyOnHidden>
        {error ? <p role="alert">{t('scan.cameraUnavailable')}: {error}</p> : <video ref={video} muted playsInline style={{ width: '100%' }} aria-label={t('scan.camera')} />}
      </Modal>
    </>
  );
}
