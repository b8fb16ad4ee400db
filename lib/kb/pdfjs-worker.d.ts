// pdf.js ships no types for its worker module; pdf-text.ts only registers it as the in-thread worker.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
