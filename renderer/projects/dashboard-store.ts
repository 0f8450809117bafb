// The Projects dashboard: a card per project, the templates, which cards wait for a refresh, and the project page.
import { createStore } from 'zustand/vanilla';
import type { ProjectCard, ProjectHistory, TemplateInfo } from '../../shared/dashboard.js';
import type { WorkflowExecution } from '../../shared/model.js';

export interface ProjectPage {
  projectId: string;
  history: ProjectHistory | null;
  runs: readonly WorkflowExecution[] | null;
}

export interface DashboardState {
  cards: readonly ProjectCard[];
  loaded: boolean;
  /** The loaded dashboard (cards or welcome) has been committed to the page once: start-up's other work may follow. */
  shown: boolean;
  templates: readonly TemplateInfo[];
  /** Projects whose runs changed since their card was fetched. */
  stale: ReadonlySet<string>;
  /** The project page shown instead of the cards; null on the cards. */
  page: ProjectPage | null;
  setCards(cards: readonly ProjectCard[]): void;
  markShown(): void;
  /** Takes a fresh dashboard but replaces only the cards of `projectIds`, so the others keep their identity. */
  refreshCards(fresh: readonly ProjectCard[], projectIds: ReadonlySet<string>): void;
  markStale(projectIds: Iterable<string>): void;
  /** Empties the stale set and returns what it held. */
  takeStale(): ReadonlySet<string>;
  setTemplates(templates: readonly TemplateInfo[]): void;
  openPage(projectId: string | null): void;
  setPageData(projectId: string, data: Partial<Pick<ProjectPage, 'history' | 'runs'>>): void;
}

export function createDashboardStore() {
  return createStore<DashboardState>()((set, get) => ({
    cards: [],
    loaded: false,
    shown: false,
    templates: [],
    stale: new Set(),
    page: null,
    // A card that reads the same as the one held keeps its identity (its memoised view is not drawn again): the page's
    // first cards came with it and the app's first request reads them again, most often unchanged.
    setCards: (fresh) => set((state) => {
      const held = new Map(state.cards.map((card) => [card.project.id, card]));
      const cards = fresh.map((card) => {
        const old = held.get(card.project.id);
        return old !== undefined && JSON.stringify(old) === JSON.stringify(card) ? old : card;
      });
      const unchanged = state.loaded && cards.length === state.cards.length && cards.every((card, index) => card === state.cards[index]);
      return unchanged ? state : { cards, loaded: true };
    }),
    markShown: () => set((state) => (state.shown ? state : { shown: true })),
    refreshCards: (fresh, projectIds) => set((state) => {
      const held = new Map(state.cards.map((card) => [card.project.id, card]));
      const cards = fresh.map((card) => (projectIds.has(card.project.id) ? card : held.get(card.project.id) ?? card));
      return { cards, loaded: true };
    }),
    markStale: (projectIds) => set((state) => {
      const stale = new Set(state.stale);
      for (const id of projectIds) stale.add(id);
      return stale.size === state.stale.size ? state : { stale };
    }),
    takeStale: () => {
      const { stale } = get();
      if (stale.size > 0) set({ stale: new Set() });
      return stale;
    },
    setTemplates: (templates) => set({ templates }),
    // Opening the page already open keeps what it shows: its view loads a project's data only when the project changes.
    openPage: (projectId) => set((state) => (state.page?.projectId === projectId && projectId !== null ? state : { page: projectId === null ? null : { projectId, history: null, runs: null } })),
    setPageData: (projectId, data) => set((state) => (state.page?.projectId === projectId ? { page: { ...state.page, ...data } } : state)),
  }));
}

export type DashboardStore = ReturnType<typeof createDashboardStore>;
