<?php

use Symfony\Component\HttpFoundation\Cookie;
use Symfony\Component\HttpFoundation\Response;

require __DIR__ . '/vendor/autoload.php';

$response = new Response('ok');
$cookie = Cookie::create('auth', issue_token())
    ->withSecure(true)
    ->withHttpOnly(true)
    ->withExpires(strtotime('+1 day'));
$response->headers->setCookie($cookie);
$response->send();
