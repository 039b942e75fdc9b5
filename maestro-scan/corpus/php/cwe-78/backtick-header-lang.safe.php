<?php
$lang = $_SERVER['HTTP_ACCEPT_LANGUAGE'] ?? 'en';
$lang = substr($lang, 0, 5);
$lang = 'en';
$motd = `fortune -s /usr/share/games/fortunes/$lang`;
echo nl2br(htmlspecialchars((string) $motd));
