<?php
$tlds = ['com', 'net', 'org', 'io'];
$domain = $_POST['domain'] ?? '';
$tld = substr(strrchr($domain, '.'), 1);

echo '<pre>';
if (in_array($tld, $tlds, true) && preg_match('/^[a-z0-9-]+\.[a-z]+$/', $domain)) {
    system('whois ' . $domain);
}
echo '</pre>';
