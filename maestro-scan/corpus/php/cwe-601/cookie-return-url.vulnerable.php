<?php
$returnUrl = $_COOKIE['return_url'] ?? '/';
setcookie('return_url', '', ['expires' => time() - 3600, 'path' => '/']);
header('Location: ' . $returnUrl);
exit;
