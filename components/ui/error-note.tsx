export function ErrorNote({ message, onDismiss }: { message: string | null; onDismiss?: () => void }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-2.5 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <span className="flex-1">{message}</span>
      {onDismiss && (
        <button type="button" aria-label="Dismiss" className="text-red-700 dark:text-red-300" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
