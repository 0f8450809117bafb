// The Resources view's step cache (issue 18): how many step results it holds, their size against the cap, where it
// lives, and Clear (asked first in the app's own dialog). Read when the view opens, again as runs end.
import { useEffect, type ReactElement } from 'react';
import type { CacheStats } from '../../shared/model.js';
import { formatBytes } from '../app/format-size.js';
import { useActions, useCacheStore } from '../app/hooks.js';

function CacheFigures({ stats }: { stats: CacheStats }): ReactElement {
  const share = stats.maxBytes === null || stats.maxBytes <= 0 ? null : Math.min(1, stats.bytes / stats.maxBytes);
  return (
    <dl className="cache-card__figures">
      <div><dt>Entries</dt><dd data-cache-entries={stats.entries}>{stats.entries.toLocaleString('en')}</dd></div>
      <div><dt>Size</dt><dd data-cache-bytes={stats.bytes}>{formatBytes(stats.bytes)}</dd></div>
      <div><dt>Cap</dt><dd>{stats.maxBytes === null ? 'none' : <>{formatBytes(stats.maxBytes)}{share !== null && <span className="muted"> ({share > 0 && share < 0.01 ? 'under 1' : Math.round(share * 100)} % used)</span>}</>}</dd></div>
      {share !== null && <meter className="cache-card__meter" min={0} max={1} value={share} aria-label="Cache size against its cap" />}
      <div className="cache-card__location"><dt>Location</dt><dd className="mono" title={stats.location}>{stats.location}</dd></div>
    </dl>
  );
}

export function CacheSection(): ReactElement {
  const { loadCacheStats, watchCache, clearCache } = useActions();
  const stats = useCacheStore((state) => state.stats);
  const clearing = useCacheStore((state) => state.clearing);
  useEffect(() => {
    void loadCacheStats();
    return watchCache();
  }, [loadCacheStats, watchCache]);
  return (
    <section aria-labelledby="cache-title" className="cache-card">
      <div className="section-title section-title--bar">
        <h2 id="cache-title">Step cache</h2>
        <div className="form__actions">
          <button type="button" className="button button--small" onClick={() => void loadCacheStats()}>Refresh cache size</button>
          <button type="button" className="button button--small" disabled={stats === null || stats.entries === 0 || clearing} onClick={() => void clearCache()}>{clearing ? 'Clearing…' : 'Clear cache'}</button>
        </div>
      </div>
      {stats === null ? <p className="muted">Reading the cache…</p> : <CacheFigures stats={stats} />}
      <p className="field__hint">Steps with <span className="mono">cache:</span> are restored from here when their inputs, environment and upstream outputs have not changed.</p>
    </section>
  );
}
