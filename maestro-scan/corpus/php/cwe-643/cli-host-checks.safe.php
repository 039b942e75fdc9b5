<?php
$host = $argv[1] ?? exit("usage: checks.php HOST\n");
$xml = simplexml_load_file('/etc/monitoring/hosts.xml');
$quoted = str_contains($host, '"') ? "'" . str_replace("'", '', $host) . "'" : '"' . $host . '"';
foreach ($xml->xpath('/hosts/host[@name=' . $quoted . ']/check') as $check) {
    printf("%s every %ss\n", $check['type'], $check['interval']);
}
