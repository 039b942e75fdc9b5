<?php

use Symfony\Component\HttpFoundation\RedirectResponse;
use Symfony\Component\HttpFoundation\Request;

require __DIR__ . '/vendor/autoload.php';

$request = Request::createFromGlobals();
$target = $request->query->get('continue', '/home');
$response = new RedirectResponse($target);
$response->send();
