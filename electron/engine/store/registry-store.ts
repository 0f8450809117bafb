// Sessions and the project registry in SQLite, beside the run records they point to.
import type { Project, ProjectStatus, Session, SessionStatus } from '../../../shared/model.js';
import type { Db } from './database.js';

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
}

export class SessionStore {
  constructor(private readonly db: () => Db) {}

  save(session: Session): void {
    this.db().prepare(`INSERT INTO sessions (session_id, name, project_id, created_at, status, variables, env)
      VALUES (@sessionId, @name, @projectId, @createdAt, @status, @variables, @env)
      ON CONFLICT (session_id) DO UPDATE SET name = excluded.name, project_id = excluded.project_id, status = excluded.status,
        variables = excluded.variables, env = excluded.env`)
      .run({ ...session, variables: JSON.stringify(session.variables), env: JSON.stringify(session.env) });
  }

  get(sessionId: string): Session | null {
    const row = this.db().prepare('SELECT * FROM sessions WHERE session_id = ?').get(sessionId) as SessionRow | undefined;
    return row === undefined ? null : toSession(row);
  }

  list(): Session[] {
    return (this.db().prepare('SELECT * FROM sessions ORDER BY created_at DESC').all() as SessionRow[]).map(toSession);
  }
}

export class ProjectStore {
  constructor(private readonly db: () => Db) {}

  save(project: Project): void {
    this.db().prepare(`INSERT INTO projects (id, name, path, template, status, created_at, description)
      VALUES (@id, @name, @path, @template, @status, @createdAt, @description)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, path = excluded.path, template = excluded.template,
        status = excluded.status, description = excluded.description`).run(project);
  }

  get(id: string): Project | null {
    const row = this.db().prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
    return row === undefined ? null : toProject(row);
  }

  findByPath(path: string): Project | null {
    const row = this.db().prepare('SELECT * FROM projects WHERE path = ?').get(path) as ProjectRow | undefined;
    return row === undefined ? null : toProject(row);
  }

  list(): Project[] {
    return (this.db().prepare('SELECT * FROM projects ORDER BY created_at DESC').all() as ProjectRow[]).map(toProject);
  }

  remove(id: string): void {
    this.db().prepare('DELETE FROM projects WHERE id = ?').run(id);
  }
}

function toSession(row: SessionRow): Session {
  return {
    sessionId: row.session_id,
    name: row.name,
    projectId: row.project_id,
    createdAt: row.created_at,
    status: row.status,
    variables: JSON.parse(row.variables) as Record<string, string>,
    env: JSON.parse(row.env) as Record<string, string>,
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
  };
}
