// The lines `npm start` prints for the atlas-backup CLI: the MONGODB_ATLAS_* variables it reads (as the Atlas CLI
// names them), pointing at the simulator just started, so the README's CLI examples run as written in another
// terminal. Kept apart from start.js so a test can check that these lines are enough for the CLI.
'use strict';

/**
 * @param {{ url: string, clientId: string, clientSecret: string, projects?: { name: string, id: string }[] }} o
 * @returns {string[]}
 */
function cliEnvLines(o) {
  const projects = o.projects || [];
  const first = projects[0];
  return [
    'For the atlas-backup CLI, in another terminal (README "Command line"):',
    `  export MONGODB_ATLAS_BASE_URL=${o.url}`,
    `  export MONGODB_ATLAS_CLIENT_ID=${o.clientId}`,
    `  export MONGODB_ATLAS_CLIENT_SECRET=${o.clientSecret}`,
    ...(first
      ? [
          `  export MONGODB_ATLAS_PROJECT_ID=${first.id}`,
          `  # ${first.name}; the others: ${
            projects
              .slice(1)
              .map((p) => `${p.name} ${p.id}`)
              .join(', ') || 'none'
          }`,
        ]
      : []),
    '  atlas-backup audit        # or, without npm link: node dist/cli.js audit',
  ];
}

module.exports = { cliEnvLines };
