// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { VIRTUALIZE_FROM, VirtualList } from './virtual-list';

afterEach(cleanup);

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `m${i}`, text: `message ${i}` }));
const keyOf = (r: { id: string }) => r.id;

describe('virtual list', () => {
  it('paints a short conversation from the bottom first, then renders it whole', async () => {
    render(<VirtualList items={rows(40)} keyOf={keyOf} renderItem={(r) => <p>{r.text}</p>} label="Conversation" testId="list" />);
    expect(screen.getAllByText(/^message /).length).toBeLessThan(40);
    expect(screen.getByText('message 39')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByText(/^message /)).toHaveLength(40));
    expect(screen.getByTestId('list').dataset.virtual).toBe('false');
    expect(screen.getByTestId('list').dataset.settled).toBe('true');
  });

  it('renders only a window of a long one, as a focusable, labelled log', () => {
    render(<VirtualList items={rows(1000)} keyOf={keyOf} renderItem={(r) => <p>{r.text}</p>} label="Conversation" testId="list" footer={<p>footer</p>} />);
    const list = screen.getByRole('log', { name: 'Conversation' });
    expect(list.dataset.virtual).toBe('true');
    expect(list.tabIndex).toBe(0);
    const rendered = screen.getAllByText(/^message /).length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(50);
    expect(screen.getByText('footer')).toBeTruthy();
    expect(VIRTUALIZE_FROM).toBeLessThan(1000);
  });
});
