<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Storage;

class TemplatePreviewController extends Controller
{
    public function show(Request $request)
    {
        $template = $request->header('X-Template', 'default.html');
        $html = Storage::disk('local')->get('templates/' . $template);
        return response($html)->header('Content-Type', 'text/plain');
    }
}
