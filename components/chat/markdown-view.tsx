import { useMemo, useState, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { citationLabel, remarkCitations } from '@/lib/ui/remark-citations';
import type { CitationResolver } from './citation-context';

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

function CodeBlock({ children }: { children?: ReactNode }) {
  const [copied, setCopied] = useState(false);
  const code = textOf(children).replace(/\n$/, '');
  return (
    <div className="group relative my-2">
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-2.5 pr-14 font-mono text-[12px] text-slate-100 dark:bg-black dark:ring-1 dark:ring-slate-700">{children}</pre>
      <button
        type="button"
        aria-label="Copy code"
        className="absolute top-1 right-1 rounded bg-slate-700 px-1.5 py-0.5 text-[11px] text-white opacity-80 hover:opacity-100"
        onClick={() => {
          void navigator.clipboard.writeText(code).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

const LINK_COMPONENTS: Components = {
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
  // Links from a model answer open outside the panel and never get the opener.
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

function citationComponents(citations: CitationResolver): Components {
  return {
    ...LINK_COMPONENTS,
    a: ({ href, children }) => {
      const label = citationLabel(href);
      if (label === null) {
        return (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {children}
          </a>
        );
      }
      const title = citations.titleOf(label);
      // A label that points at nothing (removed evidence, or invented by the model) stays plain text.
      if (title === null) return <span data-citation-missing={label}>{label}</span>;
      return (
        <button
          type="button"
          className="citation rounded px-0.5 font-medium text-sky-700 underline decoration-dotted hover:bg-sky-100 dark:text-sky-400 dark:hover:bg-sky-950"
          title={title}
          aria-label={`Source ${label}: ${title}`}
          data-citation={label}
          onClick={() => citations.open(label)}
        >
          {label}
        </button>
      );
    },
  };
}

/**
 * Renders model Markdown. Raw HTML in the text is shown as text, never injected. With
 * `citations`, the sources it cites (`[E2]`, `[K1]`) become buttons that show them.
 */
export function MarkdownView({ text, citations }: { text: string; citations?: CitationResolver }) {
  const components = useMemo(() => (citations ? citationComponents(citations) : LINK_COMPONENTS), [citations]);
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={citations ? PLUGINS_WITH_CITATIONS : PLUGINS} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

const PLUGINS = [remarkGfm];
const PLUGINS_WITH_CITATIONS = [remarkGfm, remarkCitations];
