// Sessions and the project registry in SQLite, beside the run records they point to. Each store remembers the rows
// this process has seen, and writes them again when a fresh database replaces a garbled one, so a running app or
// server keeps its projects and sessions.
import type { Project, ProjectStatus, ProjectStatusChange, Session, SessionStatus, StatusFollowsRuns } from '../../../shared/model.js';
import type { Db } from './database.js';

/** The database file as the registry uses it (see DatabaseFile). */
export interface RegistryFile {
  use<T>(work: (db: Db) => T): T;
  onReset(listener: () => void): void;
}

interface SessionRow {
  session_id: string;
  name: string;
  project_id: string | null;
  created_at: number;
  status: SessionStatus;
  variables: string;
  env: string;
}

interface ProjectRow {
  id: string;
  name: string;
  path: string;
  template: string | null;
  status: ProjectStatus;
  created_at: number;
  description: string;
  status_follows_runs: string | null;
  last_status_change: string | null;
}

export class SessionStore {
  private readonly seen = new Map<string, Session>();

  constructor(private readonly file: RegistryFile) {
    file.onReset(() => {
      for (const session of this.seen.values()) this.save(session);
    });
  }

  save(session: Session): void {
    this.seen.set(session.sessionId, session);
    this.file.use((db) => db.prepare(`INSERT INTO sessions (session_id, name, project_id, created_at, status, variables, env)
      VALUES (@sessionId, @name, @projectId, @createdAt, @status, @variables, @env)
      ON CONFLICT (session_id) DO UPDATE SET name = excluded.name, project_id = excluded.project_id, status = excluded.status,
        variables = excluded.variables, env = excluded.env`)
      .run({ ...session, variables: JSON.stringify(session.variables), env: JSON.stringify(session.env) }));
  }

  get(sessionId: string): Session | null {
    const row = this.file.use((db) => db.prepare('SELECT * FROM sessions WHERE session_id = ?').get(sessionId) as SessionRow | undefined);
    return row === undefined ? null : this.remember(toSession(row));
  }

  list(): Session[] {
    return this.file.use((db) => db.prepare('SELECT * FROM sessions ORDER BY created_at DESC').all() as SessionRow[]).map((row) => this.remember(toSession(row)));
  }

  private remember(session: Session): Session {
    this.seen.set(session.sessionId, session);
    return session;
  }
}

export class ProjectStore {
  private readonly seen = new Map<string, Project>();

  constructor(private readonly file: RegistryFile) {
    file.onReset(() => {
      for (const project of this.seen.values()) this.save(project);
    });
  }

  save(project: Project): void {
    this.seen.set(project.id, project);
    this.file.use((db) => db.prepare(`INSERT INTO projects (id, name, path, template, status, created_at, description, status_follows_runs, last_status_change)
      VALUES (@id, @name, @path, @template, @status, @createdAt, @description, @statusFollowsRuns, @lastStatusChange)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, path = excluded.path, template = excluded.template,
        status = excluded.status, description = excluded.description, status_follows_runs = excluded.status_follows_runs,
        last_status_change = excluded.last_status_change`).run({
      id: project.id,
      name: project.name,
      path: project.path,
      template: project.template,
      status: project.status,
      createdAt: project.createdAt,
      description: project.description,
      statusFollowsRuns: project.statusFollowsRuns === undefined ? null : JSON.stringify(project.statusFollowsRuns),
      lastStatusChange: project.lastStatusChange === undefined ? null : JSON.stringify(project.lastStatusChange),
    }));
  }

  get(id: string): Project | null {
    const row = this.file.use((db) => db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined);
    return row === undefined ? null : this.remember(toProject(row));
  }

  findByPath(path: string): Project | null {
    const row = this.file.use((db) => db.prepare('SELECT * FROM projects WHERE path = ?').get(path) as ProjectRow | undefined);
    return row === undefined ? null : this.remember(toProject(row));
  }

  list(): Project[] {
    return this.file.use((db) => db.prepare('SELECT * FROM projects ORDER BY created_at DESC').all() as ProjectRow[]).map((row) => this.remember(toProject(row)));
  }

  remove(id: string): void {
    this.seen.delete(id);
    this.file.use((db) => db.prepare('DELETE FROM projects WHERE id = ?').run(id));
  }

  private remember(project: Project): Project {
    this.seen.set(project.id, project);
    return project;
  }
}

function toSession(row: SessionRow): Session {
  return {
    sessionId: row.session_id,
    name: row.name,
    projectId: row.project_id,
    createdAt: row.created_at,
    status: row.status,
    variables: parseMap(row.variables),
    env: parseMap(row.env),
  };
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    template: row.template,
    status: row.status,
    createdAt: row.created_at,
    description: row.description,
    ...optional('statusFollowsRuns', parseObject<StatusFollowsRuns>(row.status_follows_runs)),
    ...optional('lastStatusChange', parseObject<ProjectStatusChange>(row.last_status_change)),
  };
}

function optional<K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> {
  return value === null ? {} : ({ [key]: value } as Record<K, V>);
}

/** A garbled JSON column reads as absent: the project still lists, following its runs off. */
function parseObject<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : null;
  } catch {
    return null;
  }
}

/** A garbled map reads as empty: one bad session row never hides the list. */
function parseMap(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}
