import { run } from "../bench/hostile"; run({ only: (process.argv[2] ?? "").split(",") }).then((r) => console.log(r));
