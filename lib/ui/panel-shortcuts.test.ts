import { describe, expect, it } from 'vitest';
import { matchShortcut, type KeyPress } from './panel-shortcuts';

const press = (p: Partial<KeyPress>): KeyPress => ({ key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, inTextField: false, ...p });

describe('panel shortcuts', () => {
  it('focuses the composer with Ctrl+K and Cmd+K', () => {
    expect(matchShortcut(press({ key: 'k', ctrlKey: true }))).toBe('focus-composer');
    expect(matchShortcut(press({ key: 'K', metaKey: true }))).toBe('focus-composer');
    expect(matchShortcut(press({ key: 'k' }))).toBeNull();
  });

  it('switches tabs with Alt+digit, by key code so macOS Option+1 ("¡") works', () => {
    expect(matchShortcut(press({ key: '¡', code: 'Digit1', altKey: true }))).toBe('tab-chat');
    expect(matchShortcut(press({ key: '2', code: 'Digit2', altKey: true }))).toBe('tab-investigation');
    expect(matchShortcut(press({ key: '3', altKey: true }))).toBe('tab-evidence');
    expect(matchShortcut(press({ key: '1', code: 'Digit1', altKey: true, ctrlKey: true }))).toBeNull();
    expect(matchShortcut(press({ key: 'n', code: 'KeyN', altKey: true }))).toBe('new-case');
  });

  it('stops with Escape, and leaves "?" to text fields', () => {
    expect(matchShortcut(press({ key: 'Escape', inTextField: true }))).toBe('stop-answer');
    expect(matchShortcut(press({ key: '?', shiftKey: true }))).toBe('show-help');
    expect(matchShortcut(press({ key: '?', shiftKey: true, inTextField: true }))).toBeNull();
  });
});
