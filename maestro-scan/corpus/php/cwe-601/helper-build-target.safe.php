<?php
function sso_target(array $query): string
{
    $allowed = ['https://portal.example.com/', 'https://wiki.example.com/'];
    $service = $query['service'] ?? '';
    return in_array($service, $allowed, true) ? $service : $allowed[0];
}

session_start();
$_SESSION['sso_ticket'] = bin2hex(random_bytes(16));
header('Location: ' . sso_target($_GET) . '?ticket=' . $_SESSION['sso_ticket']);
