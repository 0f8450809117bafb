// Catches a view that throws while rendering: the frame stays, the error shows, and the view can be tried again.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing it (another view) clears a caught error. */
  resetKey: string;
}

interface State {
  error: Error | null;
  resetKey: string;
}

export class ViewErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('a view failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="view" role="alert">
        <h1>This view failed to show</h1>
        <p className="error-text">{this.state.error.message}</p>
        <div><button type="button" className="button" onClick={() => this.setState({ error: null })}>Try again</button></div>
      </section>
    );
  }
}
