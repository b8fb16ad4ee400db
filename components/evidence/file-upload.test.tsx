// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FileUpload } from './file-upload';
import { StructuredSummary } from './structured-summary';

afterEach(cleanup);

describe('FileUpload', () => {
  it('refuses binaries and oversize images with a clear message, keeping each file on its own row', async () => {
    render(<FileUpload caseId="c1" />);
    const input = screen.getByTestId('file-upload-input');
    const zip = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'bundle.zip', { type: 'application/zip' });
    const big = new File([new Uint8Array(6 * 1024 * 1024)], 'screen.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [zip, big] } });
    await waitFor(() => expect(screen.getAllByTestId('upload-item').map((i) => i.getAttribute('data-status'))).toEqual(['refused', 'refused']));
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts[0]).toMatch(/bundle\.zip is a binary file/);
    expect(alerts[1]).toMatch(/screen\.png is 6\.0 MB; images are limited to 5\.0 MB/);
  });

  it('refuses a text-named file whose bytes are binary, after sniffing its first chunk', async () => {
    render(<FileUpload caseId="c1" />);
    const fake = new File([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0])], 'app.log', { type: 'text/plain' });
    fireEvent.drop(screen.getByTestId('file-drop-zone'), { dataTransfer: { files: [fake] } });
    await waitFor(() => expect(screen.getByTestId('upload-item').getAttribute('data-status')).toBe('refused'));
    expect(screen.getByRole('alert').textContent).toMatch(/app\.log looks binary/);
  });
  it('cancels a big upload while it is read: the row says so and nothing is added', async () => {
    render(<FileUpload caseId="c1" />);
    const parts = Array.from({ length: 400 }, () => '2026-11-24T12:00:00Z INFO checkout GET /api/cart 200\n'.repeat(1_000));
    // Node's Blob streams in 64 KB chunks like a browser's File; happy-dom's yields one chunk.
    const big = Object.assign(new NodeBlob(parts, { type: 'text/plain' }), { name: 'huge.log', lastModified: 0 });
    fireEvent.change(screen.getByTestId('file-upload-input'), { target: { files: [big] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel huge.log' }));
    await waitFor(() => expect(screen.getByTestId('upload-item').getAttribute('data-status')).toBe('cancelled'));
    expect(screen.getByTestId('upload-item').textContent).toContain('Cancelled; nothing was added.');
    expect(screen.queryByRole('button', { name: 'Cancel huge.log' })).toBeNull();
  });
});

describe('StructuredSummary', () => {
  it('shows page kind, state, the UTC window, entities and the first notice', () => {
    render(
      <StructuredSummary
        structured={{
          pageKind: 'cloudwatch-alarm',
          product: 'aws',
          url: 'https://console.aws.amazon.com/cloudwatch/home#alarmsV2:alarm/x',
          capturedAt: '2026-11-24T13:00:00.000Z',
          title: 'x',
          status: 'In alarm',
          timeRange: { from: '2026-11-24T10:00:00.000Z', to: '2026-11-24T13:00:00.000Z', raw: '3h' },
          queries: [],
          entities: [{ type: 'alarm', name: 'x' }, { type: 'service', name: 'checkout' }],
          keyValues: {},
          notices: ['ThrottlingException: Rate exceeded'],
          text: '# x',
        }}
      />,
    );
    expect(screen.getByTestId('evidence-page-kind').textContent).toBe('cloudwatch-alarm');
    expect(screen.getByTestId('evidence-status').textContent).toBe('State: In alarm');
    expect(screen.getByText('2026-11-24 10:00 → 2026-11-24 13:00 UTC')).toBeTruthy();
    expect(screen.getByTestId('evidence-entities').textContent).toContain('service: checkout');
    expect(screen.getByText(/ThrottlingException/)).toBeTruthy();
  });
});
