// The step panel's cache facts (issue 18): a cached step's key (short, copyable) and "restored from cache"; for a step
// with `cache` that ran, why — what differed from its last stored entry — or what bypassed the cache.
import { useState, type ReactElement } from 'react';
import type { StepRun } from '../../shared/model.js';
import { cacheBypass, changeText, listedChanges, shortKey } from './cache-words.js';

function CacheKey({ value }: { value: string }): ReactElement {
  const [copied, setCopied] = useState<'no' | 'yes' | 'refused'>('no');
  const copy = (): void => {
    void (navigator.clipboard?.writeText(value) ?? Promise.reject(new Error('no clipboard'))).then(() => setCopied('yes'), () => setCopied('refused'));
  };
  return (
    <span className="cache-key">
      <code className="mono" title={value} data-cache-key={value}>{shortKey(value)}</code>
      <button type="button" className="button button--small" aria-label="Copy cache key" onClick={copy}>Copy</button>
      <span className="muted" role="status">{copied === 'yes' ? 'copied' : copied === 'refused' ? 'select the key to copy it' : ''}</span>
    </span>
  );
}

export function CacheFacts({ run }: { run: StepRun }): ReactElement | null {
  if (run.status === 'cached') {
    return (
      <>
        <dt>Cache</dt><dd data-cache="hit">restored from cache: not run again</dd>
        {run.cacheKey != null && <><dt>Key</dt><dd><CacheKey value={run.cacheKey} /></dd></>}
      </>
    );
  }
  const miss = run.cacheMiss;
  if (miss == null) return null;
  const bypass = cacheBypass(miss);
  const changes = listedChanges(miss);
  const more = miss.more ?? 0;
  return (
    <>
      <dt>Cache</dt>
      <dd data-cache={bypass === null ? 'miss' : 'bypass'}>
        {bypass ?? <>ran: <span data-cache-miss>{miss.summary}</span></>}
        {changes.length > 0 && (
          <ul className="cache-changes" aria-label="What changed since the cached result">
            {changes.map((change, index) => <li key={index} className="mono" data-change-kind={change.kind}>{changeText(change)}</li>)}
            {more > 0 && <li className="muted" data-change-more={more}>… and {more.toLocaleString('en-US')} more</li>}
          </ul>
        )}
      </dd>
      {run.cacheKey != null && <><dt>Key</dt><dd><CacheKey value={run.cacheKey} /></dd></>}
    </>
  );
}
