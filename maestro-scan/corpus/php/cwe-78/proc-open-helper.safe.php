<?php
function build_zip_command(string $folder): string
{
    return 'zip -r - ' . escapeshellarg('/srv/shares/' . $folder);
}

$folder = $_GET['folder'] ?? '';
$proc = proc_open(build_zip_command($folder), [1 => ['pipe', 'w']], $pipes);
header('Content-Type: application/zip');
fpassthru($pipes[1]);
fclose($pipes[1]);
proc_close($proc);
