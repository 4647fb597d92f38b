/** An RFC 9457 problem as the server sends it (http/problem-handler.ts), with field issues. */
export interface FieldProblem {
  code: string;
  path: string;
  message: string;
  hint?: string;
  params?: Record<string, string | number | boolean | null>;
}

export interface ProblemBody {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  params?: Record<string, string | number | boolean | null>;
  errors?: FieldProblem[];
  traceId?: string;
}

/** Thrown by the API client for every non-2xx answer; carries the problem so pages can show it by field. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: ProblemBody;
  constructor(problem: ProblemBody) {
    super(problem.title);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.problem = problem;
  }
}
