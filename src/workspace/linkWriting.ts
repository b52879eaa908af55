/**
 * What linking writes, byte for byte as `vercel link` does. Only Link and
 * Unlink (in the features bundle) need it, so it lives apart from the link
 * files' reading, which the activation bundle holds.
 */

/**
 * `.vercel/project.json` byte for byte as `vercel link` writes it:
 * `JSON.stringify` of `{ projectId, orgId, projectName }` in that order, on
 * one line, with no final newline.
 */
export function projectJsonText(link: { readonly projectId: string; readonly orgId: string; readonly projectName: string }): string {
  return JSON.stringify({ projectId: link.projectId, orgId: link.orgId, projectName: link.projectName });
}

/** `.vercel/README.txt`, the text `vercel link` puts beside project.json. */
export const VERCEL_README_TEXT = `> Why do I have a folder named ".vercel" in my project?
The ".vercel" folder is created when you link a directory to a Vercel project.

> What does the "project.json" file contain?
The "project.json" file contains:
- The ID of the Vercel project that you linked ("projectId")
- The ID of the user or team your Vercel project is owned by ("orgId")

> Should I commit the ".vercel" folder?
No, you should not share the ".vercel" folder with anyone.
Upon creation, it will be automatically added to your ".gitignore" file.
`;
