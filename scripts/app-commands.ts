import { repoRoot } from './app-package/app-files.js';
import { writeCommandLists } from './app-package/command-lists.js';

/* npm run app:commands: writes the manifest's command lists (every language) from the bot's command registry. */
const changed = await writeCommandLists(repoRoot());
console.log(changed.length > 0 ? `Updated ${changed.join(', ')}` : 'The command lists are up to date.');
