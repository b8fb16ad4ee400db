// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { PromptPreview } from '@/lib/turns/preview-prompt';
import { PromptPreviewToggle } from './prompt-preview';

afterEach(cleanup);

const PREVIEW: PromptPreview = {
  messages: [
    { role: 'system', content: 'You are FaultMaven…' },
    { role: 'system', content: 'Case: deploys failing\n<evidence id="E1">GITHUB_TOKEN=[REDACTED:github-token:abcdefgh]</evidence>' },
    { role: 'user', content: 'why does [REDACTED:github-token:abcdefgh] get 401?' },
  ],
  masked: [
    {
      type: 'github-token',
      label: 'GitHub token',
      placeholder: '[REDACTED:github-token:abcdefgh]',
      hint: 'ghp_…Q7r8 (40 characters)',
      where: ['evidence E1 "ci env"', 'your message'],
      count: 2,
    },
  ],
  condensed: [{ where: 'evidence E2 "api.log"', lines: 120_000, templates: 48, originalChars: 200_000, sentChars: 5_800 }],
  totalChars: 180,
};

describe('prompt preview', () => {
  it('is closed until asked, then shows the masked values, condensed logs and exact messages', async () => {
    const load = vi.fn(async () => PREVIEW);
    render(<PromptPreviewToggle caseId="c1" draft="why does ghp_x get 401?" load={load} />);
    expect(load).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Preview what will be sent' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Masked values' })).toBeTruthy());
    expect(load).toHaveBeenCalledWith('c1', 'why does ghp_x get 401?');
    const item = screen.getByRole('list', { name: 'Masked values' }).textContent!;
    expect(item).toContain('GitHub token');
    expect(item).toContain('×2');
    expect(item).toContain('ghp_…Q7r8');
    expect(item).toContain('[REDACTED:github-token:abcdefgh]');
    expect(item).toContain('evidence E1 "ci env", your message');
    expect(screen.getByText(/Masked before sending: 2 values/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Condensed logs' }).textContent).toContain('120,000 lines → 48 templates (195 KB → 6 KB)');
    expect(screen.getByText('why does [REDACTED:github-token:abcdefgh] get 401?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Hide preview' }));
    expect(screen.queryByRole('list', { name: 'Masked values' })).toBeNull();
  });

  it('says so when nothing needed masking, and shows errors', async () => {
    render(<PromptPreviewToggle caseId="c1" draft="hi" load={async () => ({ ...PREVIEW, masked: [], condensed: [] })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Preview what will be sent' }));
    await waitFor(() => expect(screen.getByText('Nothing needed masking.')).toBeTruthy());
    cleanup();
    render(<PromptPreviewToggle caseId="c1" draft="hi" load={async () => Promise.reject(new Error('No such case'))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Preview what will be sent' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Could not build the preview: No such case'));
  });
});
