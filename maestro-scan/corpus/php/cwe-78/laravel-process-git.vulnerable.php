<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Symfony\Component\Process\Process;

class DeployController extends Controller
{
    public function checkout(Request $request)
    {
        $ref = $request->input('ref', 'main');
        $process = Process::fromShellCommandline("git -C /srv/app checkout {$ref}");
        $process->run();
        return response()->json(['ok' => $process->isSuccessful(), 'log' => $process->getOutput()]);
    }
}
