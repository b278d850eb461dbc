"""What `dermquiz serve` was asked to do, and the command line each learner's process gets."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from quiz.serve.exam_record import ENV_VAR as EXAM_ENV
from quiz.serve.exam_record import record_path


@dataclass
class ServeConfig:
    packs: list[Path]  # the first is played; further ones are offered on the home screen
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    mode: str = "learn"
    count: int | None = None
    time_limit: float | None = None  # minutes
    exam_cases: list[str] = field(default_factory=list)  # the same for every learner
    max_sessions: int = 50
    graphics: str = "sixel"  # xterm.js in our page draws sixel through its image addon
    public_url: str = ""
    title: str = "DermQuiz"

    @property
    def base_url(self) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def learner_argv(self, learner_id: str) -> list[str]:
        """The learner's process: every value from the server, none from the browser."""
        argv = [
            sys.executable,
            "-m",
            "quiz",
            "--data-dir",
            str(self.data_dir),
            "--graphics",
            self.graphics,
            "--learner",
            learner_id,
        ]
        for extra in self.packs[1:]:
            argv += ["--pack", str(extra)]
        argv += ["play", str(self.packs[0]), "--mode", self.mode]
        if self.mode == "exam":
            argv += ["--cases", ",".join(self.exam_cases)]
            if self.time_limit:
                argv += ["--time-limit", str(self.time_limit)]
        elif self.count:
            argv += ["--count", str(self.count)]
        return argv

    def learner_env(self, learner_id: str) -> dict[str, str]:
        env = {"DERMQUIZ_ONLY_LEARNER": learner_id}
        if self.mode == "exam":
            env[EXAM_ENV] = str(record_path(self.data_dir, learner_id))
        return env
