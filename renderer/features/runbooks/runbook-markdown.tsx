import Markdown, { type Components, type Options } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { splitPlaceholders } from '../../../electron/common/runbook-placeholders.js';
import { safeHttpUrl } from '../../lib/safe-url.js';

/** The few mdast fields the placeholder pass reads. */
type MdNode = { type: string; value?: string; url?: string; children?: MdNode[] };

type Values = Readonly<Record<string, string>>;

/** Text with each known placeholder replaced by its value; a missing one stays as written. */
export function fillText(text: string, values: Values, encode = (value: string) => value): string {
  return splitPlaceholders(text)
    .map((part) =>
      'text' in part
        ? part.text
        : Object.hasOwn(values, part.placeholder.path)
          ? encode(values[part.placeholder.path]!)
          : part.placeholder.text,
    )
    .join('');
}

/**
 * A remark pass that fills placeholders after the Markdown is parsed: values land in text
 * nodes (and link targets, URL-encoded), so a label can never add markup, a link or HTML.
 * Code blocks are shown as written.
 */
function fillPlaceholders(values: Values) {
  return () => (tree: MdNode) => {
    const visit = (node: MdNode) => {
      if ((node.type === 'text' || node.type === 'inlineCode') && node.value !== undefined) {
        node.value = fillText(node.value, values);
      } else if (node.type === 'link' && node.url !== undefined) {
        node.url = fillText(node.url, values, encodeURIComponent);
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
        {children}
      </a>
    ) : (
      <span className="unsafe-link">{children}</span>
    ),
  // The panel's own title is a level 2 heading: the runbook's sit below it.
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h4>{children}</h4>,
  h3: ({ children }) => <h5>{children}</h5>,
  h4: ({ children }) => <h6>{children}</h6>,
  h5: ({ children }) => <h6>{children}</h6>,
  // Never loaded: a runbook must not make the window fetch anything.
  img: ({ alt }) => <span className="runbook-image">[image{alt ? `: ${alt}` : ''}]</span>,
};

/** Only http(s) links survive; anything else (`javascript:`, `file:`, relative) loses its link. */
const urlTransform: Options['urlTransform'] = (url) => safeHttpUrl(url) ?? '';

/** Runbook prose: GFM, no raw HTML, sanitised, placeholders filled in as text. */
export function RunbookMarkdown({ markdown, values }: { markdown: string; values: Values }) {
  return (
    <div className="runbook-prose">
      <Markdown
        remarkPlugins={[remarkGfm, fillPlaceholders(values)]}
        rehypePlugins={[rehypeSanitize]}
        components={components}
        urlTransform={urlTransform}
        skipHtml
      >
        {markdown}
      </Markdown>
    </div>
  );
}

/** One line of Markdown (a checklist item) without the paragraph around it. */
export function InlineMarkdown({ markdown, values }: { markdown: string; values: Values }) {
  return (
    <Markdown
      remarkPlugins={[remarkGfm, fillPlaceholders(values)]}
      rehypePlugins={[rehypeSanitize]}
      components={{ ...components, p: ({ children }) => <>{children}</> }}
      urlTransform={urlTransform}
      skipHtml
    >
      {markdown}
    </Markdown>
  );
}
