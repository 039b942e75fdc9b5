<?php
$host = $argv[1] ?? exit("usage: checks.php HOST\n");
$xml = simplexml_load_file('/etc/monitoring/hosts.xml');
foreach ($xml->xpath('/hosts/host[@name="' . $host . '"]/check') as $check) {
    printf("%s every %ss\n", $check['type'], $check['interval']);
}
