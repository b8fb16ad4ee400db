// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { CaseRecord } from '@/lib/db/records';
import { CaseHeader } from './case-header';
import { Welcome } from './welcome';

afterEach(cleanup);

const kase: CaseRecord = { id: 'c', title: 'checkout p99 4x', severity: 'sev1', status: 'open', phase: 'HYPOTHESIS', createdAt: 0, updatedAt: 0 };

describe('case header', () => {
  it('shows title, severity, phase and status, with resolve and close for an open case', () => {
    render(<CaseHeader kase={kase} onShowShortcuts={() => undefined} />);
    expect(screen.getByTestId('case-title').textContent).toBe('checkout p99 4x');
    expect(screen.getByText('SEV1')).toBeTruthy();
    expect(screen.getByTestId('case-phase').textContent).toBe('Hypotheses · open');
    expect(screen.getByTestId('case-status').textContent).toBe('Open');
    expect(screen.getByRole('button', { name: 'Close case' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mark resolved' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reopen' })).toBeNull();
  });

  it('offers Reopen and Close case once resolved, and only Reopen once closed', () => {
    const { rerender } = render(<CaseHeader kase={{ ...kase, status: 'resolved' }} onShowShortcuts={() => undefined} />);
    expect(screen.getByTestId('case-status').textContent).toBe('Resolved');
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close case' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark resolved' })).toBeNull();
    rerender(<CaseHeader kase={{ ...kase, status: 'closed' }} onShowShortcuts={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Close case' })).toBeNull();
  });
});

describe('first-run welcome', () => {
  it('lists what works without a model and how to add one, a local Ollama included', () => {
    render(<Welcome hasProvider={false} />);
    expect(screen.getByRole('form', { name: 'New case' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Works now, on this device' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
    expect(screen.getByText('No key? Use a local Ollama')).toBeTruthy();
    expect(screen.getByText('http://localhost:11434/v1')).toBeTruthy();
    expect(screen.getByText(/OLLAMA_ORIGINS=/).textContent).toContain('chrome-extension://*,moz-extension://*');
  });

  it('drops the set-up guide once a provider exists', () => {
    render(<Welcome hasProvider />);
    expect(screen.queryByText('No model connected yet')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Works now, on this device' })).toBeTruthy();
  });
});
