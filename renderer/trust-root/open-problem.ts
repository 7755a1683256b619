// Why a directory could not be opened, in the GUI's words: "not a repository" points to the "Create a repository"
// form on this screen (core's REPO_NOT_FOUND text speaks CLI syntax, which means nothing here).
import type { ApiError } from '../../app/contract';

export function openProblem(dir: string, error: ApiError): { code: string; message: string; suggestCreate: boolean } {
  if (error.code === 'REPO_NOT_FOUND') {
    return {
      code: error.code,
      message: `${dir} is not a Rootsmith TUF repository (it holds no repository settings). Check the path, or start a new repository in this directory with the "Create a repository" form below.`,
      suggestCreate: true,
    };
  }
  return { code: error.code, message: error.message, suggestCreate: false };
}
